import { describe, expect, it } from 'vitest';
import { joinJsonObjects } from './bulk';

describe('joinJsonObjects', () => {
  it('joins two objects written apart into the object of both', () => {
    const joined = joinJsonObjects(JSON.stringify({ a: 1, b: '“引号”,}' }), JSON.stringify({ c: null, d: [1, 2] }));
    expect(JSON.parse(joined)).toEqual({ a: 1, b: '“引号”,}', c: null, d: [1, 2] });
    expect(joinJsonObjects('{}', '{"x":1}')).toBe('{"x":1}');
    expect(joinJsonObjects('{"x":1}', '{}')).toBe('{"x":1}');
  });
});
