/** Facts about one policy statement that several IAM rules ask (three-valued, see policy.ts). */
import { Statement, Tri, coversAllResources, grantsAllActions, isAllow, triAnd } from './policy';

/** An Allow statement that grants every action (`*`, or NotAction) on every resource (`*`, or NotResource). */
export function grantsAdmin(s: Statement): Tri {
  return triAnd(isAllow(s), grantsAllActions(s), coversAllResources(s));
}

/** A statement's grant points at `NotAction` when it has one, else at `Action` (`not_actions` / `actions` in a document block). */
export function actionElement(s: Statement): { json: string; block: string } {
  return s.notActions !== undefined ? { json: 'NotAction', block: 'not_actions' } : { json: 'Action', block: 'actions' };
}
