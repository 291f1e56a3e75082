// A small, strict XML well-formedness checker that also returns the element tree, for
// testing the SVG documents fluxion writes. It follows the XML 1.0 rules that matter for
// generated documents: one root element, properly nested and matching tags, attributes
// quoted and unique per element, `<` never in attribute values or text, `&` only as one
// of the five predefined entities or a character reference, comments and an optional
// XML declaration. It throws an Error naming the offset and the rule broken.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number, where: string): string {
  if (raw.includes('<')) throw new Error(`'<' in ${where} at offset ${at}`);
  return raw.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity '${m}' in ${where} at offset ${at}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(body);
    if (num) return String.fromCodePoint(body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    throw new Error(`unknown entity '&${body};' in ${where} at offset ${at}`);
  });
}

/** Parses `src`, throwing if it is not well-formed XML; returns the root element. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i))![0].length;
      i += ws;
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) throw new Error(`unterminated comment at offset ${i}`);
        if (src.slice(i + 4, end).includes('--')) throw new Error(`'--' inside a comment at offset ${i}`);
        i = end + 3;
      } else return;
    }
  };
  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  skipMisc();
  while (i < src.length) {
    if (stack.length === 0) {
      if (root !== undefined) {
        skipMisc();
        if (i < src.length) throw new Error(`content after the root element at offset ${i}`);
        break;
      }
      if (src[i] !== '<') throw new Error(`text before the root element at offset ${i}`);
    }
    if (src.startsWith('<!--', i)) {
      skipMisc();
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) throw new Error(`bad CDATA section at offset ${i}`);
      stack[stack.length - 1]!.text += src.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2));
      if (!m) throw new Error(`bad end tag at offset ${i}`);
      const top = stack.pop();
      if (!top || top.name !== m[0]) throw new Error(`end tag </${m[0]}> does not match <${top?.name ?? '(none)'}> at offset ${i}`);
      i += 2 + m[0].length;
      i += /^\s*/.exec(src.slice(i))![0].length;
      if (src[i] !== '>') throw new Error(`expected '>' at offset ${i}`);
      i++;
      continue;
    }
    if (src[i] === '<') {
      const m = NAME.exec(src.slice(i + 1));
      if (!m) throw new Error(`bad start tag at offset ${i}`);
      const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root === undefined) root = el;
      else throw new Error(`second root element <${el.name}> at offset ${i}`);
      i += 1 + m[0].length;
      for (;;) {
        const ws = /^\s*/.exec(src.slice(i))![0].length;
        i += ws;
        if (src.startsWith('/>', i)) {
          i += 2;
          break;
        }
        if (src[i] === '>') {
          i++;
          stack.push(el);
          break;
        }
        if (ws === 0) throw new Error(`expected whitespace before an attribute at offset ${i}`);
        const a = NAME.exec(src.slice(i));
        if (!a) throw new Error(`bad attribute name at offset ${i}`);
        i += a[0].length;
        if (src[i] !== '=') throw new Error(`expected '=' after attribute ${a[0]} at offset ${i}`);
        i++;
        const q = src[i];
        if (q !== '"' && q !== "'") throw new Error(`attribute ${a[0]} value not quoted at offset ${i}`);
        const end = src.indexOf(q, i + 1);
        if (end < 0) throw new Error(`unterminated attribute value at offset ${i}`);
        if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]} at offset ${i}`);
        el.attrs[a[0]] = decode(src.slice(i + 1, end), i, `attribute ${a[0]}`);
        i = end + 1;
      }
      continue;
    }
    const next = src.indexOf('<', i);
    const end = next < 0 ? src.length : next;
    const raw = src.slice(i, end);
    if (stack.length === 0) {
      if (raw.trim() !== '') throw new Error(`text outside the root element at offset ${i}`);
    } else {
      if (raw.includes(']]>')) throw new Error(`']]>' in text at offset ${i}`);
      stack[stack.length - 1]!.text += decode(raw, i, 'text');
    }
    i = end;
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1]!.name}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const e = todo.pop()!;
    out.push(e);
    for (let k = e.children.length - 1; k >= 0; k--) todo.push(e.children[k]!);
  }
  return out;
}
