/**
 * Every rule tomguard ships, one module per rule, grouped by TOM area. Adding a rule: write
 * `rules/<area>/TG-XXX-NNN.ts` (metadata + check), its test under `tests/rules/<area>/`, and list it here.
 */
import { Rule } from '../src/rules/types';
import { rule as encryption001 } from './encryption/TG-ENC-001';
import { rule as encryption002 } from './encryption/TG-ENC-002';
import { rule as iam001 } from './iam/TG-IAM-001';
import { rule as network001 } from './network/TG-NET-001';
import { rule as network002 } from './network/TG-NET-002';
import { rule as network003 } from './network/TG-NET-003';
import { rule as transit001 } from './transit/TG-TLS-001';
import { rule as transit002 } from './transit/TG-TLS-002';

export const ALL_RULES: readonly Rule[] = [encryption001, encryption002, iam001, network001, network002, network003, transit001, transit002].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id.toUpperCase());
}
