// Chinese has no spaces between words, so a word index alone finds nothing in it. We index CJK
// runs as single characters and overlapping character pairs (bigrams); Latin text as words.
// A query goes through the same function, so "退款流程" matches "如何申请退款" through "退款".
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const stopwords = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'is', 'it', 'for', 'on', 'my', 'i', 'how', 'do', 'can', 'what', '的', '了', '吗', '呢', '我', '是']);

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  let word = '';
  let run = '';
  const flushWord = () => {
    if (word.length > 0 && !stopwords.has(word)) out.push(word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word);
    word = '';
  };
  const flushRun = () => {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      if (!stopwords.has(chars[i]!)) out.push(chars[i]!);
      if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
    }
    run = '';
  };
  for (const ch of lower) {
    if (cjk.test(ch)) {
      flushWord();
      run += ch;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      flushRun();
      word += ch;
    } else {
      flushWord();
      flushRun();
    }
  }
  flushWord();
  flushRun();
  return out;
}
