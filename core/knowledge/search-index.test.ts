import { describe, expect, it } from 'vitest';
import { SearchIndex } from './search-index';
import { tokenize } from './tokenize';

describe('knowledge-base tokenizer', () => {
  it('indexes Chinese as characters and bigrams, Latin as words', () => {
    expect(tokenize('退款流程')).toEqual(['退', '退款', '款', '款流', '流', '流程', '程']);
    expect(tokenize('Reset your Password!')).toEqual(['reset', 'your', 'password']);
    expect(tokenize('VPN连接失败')).toEqual(['vpn', '连', '连接', '接', '接失', '失', '失败', '败']);
  });
});

describe('knowledge-base search', () => {
  const index = new SearchIndex();
  index.add({ id: 1, title: '如何申请退款', body: '在订单页面点击申请退款，三个工作日内原路退回。', tags: ['售后'] });
  index.add({ id: 2, title: '修改登录密码', body: '进入账户设置，选择安全中心，修改密码。', tags: ['账户'] });
  index.add({ id: 3, title: 'How to reset your password', body: 'Open account settings, choose Security and reset the password.', tags: ['account'] });
  index.add({ id: 4, title: 'Shipping times', body: 'Orders ship within two business days.', tags: ['orders'] });

  it('finds Chinese articles from a question phrased differently', () => {
    expect(index.search('我想退款怎么办')[0]?.id).toBe(1);
    expect(index.search('密码忘了怎么修改')[0]?.id).toBe(2);
  });

  it('finds English articles, plural or not', () => {
    expect(index.search('how do I reset passwords')[0]?.id).toBe(3);
    expect(index.search('when will my order ship')[0]?.id).toBe(4);
  });

  it('finds nothing for unrelated words, and forgets removed articles', () => {
    expect(index.search('天气预报')).toEqual([]);
    index.remove(4);
    expect(index.search('shipping')).toEqual([]);
  });
});
