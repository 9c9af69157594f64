import { describe, expect, it } from 'vitest';
import { orderChecks } from '../../src/analyze/analysis-core.js';
import { CHECKS } from '../../src/checks/registry.js';
import type { AnyCheck } from '../../src/checks/check-api.js';

const fake = (id: string, after?: string[]) => ({ meta: { id }, ...(after ? { after } : {}) }) as unknown as AnyCheck;

describe('orderChecks', () => {
  it('runs every check after the checks it names, however deep the chain', () => {
    const order = orderChecks([fake('a/x', ['a/y']), fake('a/y', ['a/z']), fake('a/z'), fake('a/w')]).map((c) => c.meta.id);
    expect(order).toEqual(['a/z', 'a/w', 'a/y', 'a/x']);
  });

  it('keeps every check once when the names form a cycle or name a missing check', () => {
    const order = orderChecks([fake('a/x', ['a/y']), fake('a/y', ['a/x']), fake('a/z', ['a/missing'])]).map((c) => c.meta.id);
    expect(order.sort()).toEqual(['a/x', 'a/y', 'a/z']);
  });

  it('orders the registry so that each check follows those it consults', () => {
    const order: string[] = orderChecks(CHECKS).map((c) => c.meta.id);
    for (const c of CHECKS) for (const id of c.after ?? []) expect(order.indexOf(id)).toBeLessThan(order.indexOf(c.meta.id));
  });
});
