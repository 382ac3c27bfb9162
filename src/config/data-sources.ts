/**
 * Data sources whose result tomguard can compute from their configuration alone. Every other
 * data source attribute that the configuration does not set is unknown (read at plan time).
 */
import { ValueObject } from '../eval/value';

type Renderer = (attrs: ValueObject) => ValueObject;

const RENDERERS: Record<string, Renderer> = {};

/** Registers a renderer (kept open so policy-document rendering can live beside the IAM code). */
export function registerDataSourceRenderer(type: string, renderer: Renderer): void {
  RENDERERS[type] = renderer;
}

export function renderDataSource(type: string, attrs: ValueObject): ValueObject {
  const renderer = RENDERERS[type];
  return renderer ? renderer(attrs) : {};
}
