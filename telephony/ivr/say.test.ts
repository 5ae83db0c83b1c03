import { describe, expect, it } from 'vitest';
import { digitFragments, numberFragments } from './say';

describe('spoken digits and numbers', () => {
  it('reads digits one by one, skipping punctuation', () => {
    expect(digitFragments('+86 138-0*#')).toEqual(['d8', 'd6', 'd1', 'd3', 'd8', 'd0', 'star', 'pound']);
  });

  it('reads Mandarin numbers the way a person says them', () => {
    expect(numberFragments('0', 'zh-CN')).toEqual(['d0']);
    expect(numberFragments('10', 'zh-CN')).toEqual(['ten']); // 十, not 一十
    expect(numberFragments('15', 'zh-CN')).toEqual(['ten', 'd5']);
    expect(numberFragments('23', 'zh-CN')).toEqual(['d2', 'ten', 'd3']);
    expect(numberFragments('105', 'zh-CN')).toEqual(['d1', 'hundred', 'd0', 'd5']); // 一百零五
    expect(numberFragments('1010', 'zh-CN')).toEqual(['d1', 'thousand', 'd0', 'd1', 'ten']); // 一千零一十
    expect(numberFragments('20003', 'zh-CN')).toEqual(['d2', 'wan', 'd0', 'd3']); // 两万零三 (read 二万零三)
    expect(numberFragments('120000', 'zh-CN')).toEqual(['ten', 'd2', 'wan']); // 十二万
  });

  it('reads English numbers', () => {
    expect(numberFragments('7', 'en')).toEqual(['n7']);
    expect(numberFragments('14', 'en')).toEqual(['n14']);
    expect(numberFragments('42', 'en')).toEqual(['n40', 'n2']);
    expect(numberFragments('300', 'en')).toEqual(['n3', 'hundred']);
    expect(numberFragments('2019', 'en')).toEqual(['n2', 'thousand', 'n19']);
  });

  it('falls back to digits for what is not a sayable whole number', () => {
    expect(numberFragments('12a', 'en')).toEqual(['d1', 'd2']);
    expect(numberFragments('123456789', 'zh-CN')).toHaveLength(9);
  });
});
