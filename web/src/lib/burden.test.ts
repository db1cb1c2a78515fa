import { describe, expect, it } from 'vitest';
import { createBurdenCounter } from './burden';

describe('createBurdenCounter', () => {
  it('counts the fields changed from the pre-filled values, and the seconds since the form opened', () => {
    let t = 1_000;
    const c = createBurdenCounter(() => t);
    c.baseline({ projectId: 7, amountWan: '120', progressNote: '' });
    c.onValuesChange({ amountWan: '130' });
    c.onValuesChange({ progressNote: '主体封顶' });
    c.onValuesChange({ month: '2026-06' });
    t += 42_400;
    expect(c.measure()).toEqual({ fieldsTyped: 3, seconds: 42 });
  });

  it('counts nothing for a pre-filled form sent unchanged, or a field typed and put back', () => {
    const c = createBurdenCounter(() => 0);
    c.baseline({ amountWan: '120', note: '' });
    c.onValuesChange({ amountWan: '1200' });
    c.onValuesChange({ amountWan: '120' });
    c.onValuesChange({ note: '   ' });
    expect(c.measure().fieldsTyped).toBe(0);
  });

  it('counts each field of a list item, and starts again after a send', () => {
    let t = 0;
    const c = createBurdenCounter(() => t);
    c.onValuesChange({ problems: [undefined, { category: 'land', description: '用地' }] });
    expect(c.measure().fieldsTyped).toBe(2);
    t = 5_000;
    c.restart({ problems: [] });
    expect(c.measure()).toEqual({ fieldsTyped: 0, seconds: 0 });
  });
});
