// Attributes the bytes of a generated (minified) file to the source modules of its source map: every mapped
// segment owns the generated text up to the next segment on its line. No dependency: Base64 VLQ decoded here.

const base64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((char, index) => [char, index]));

function decodeSegment(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = base64.get(char);
    if (digit === undefined) throw new Error(`bad source map character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

export type SourceMap = { sources: string[]; mappings: string };

export type Segment = { source: number; text: string };

/** The generated text in file order, each piece with its source (index into map.sources; -1 = unmapped glue). */
export function segmentsBySource(code: string, map: SourceMap): Segment[] {
  const lines = code.split('\n');
  const chunks: Segment[] = [];
  const add = (source: number, text: string) => {
    if (text !== '') chunks.push({ source, text });
  };
  let source = 0;
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    let previous: { column: number; source: number } | null = null;
    for (const segmentText of lineMappings.split(',')) {
      if (segmentText === '') continue;
      const segment = decodeSegment(segmentText);
      column += segment[0] ?? 0;
      const owner = segment.length >= 4 ? (source += segment[1] ?? 0) : -1;
      add(previous ? previous.source : -1, line.slice(previous ? previous.column : 0, column));
      previous = { column, source: owner };
    }
    add(previous ? previous.source : -1, line.slice(previous ? previous.column : 0));
    if (lineIndex < lines.length - 1) add(-1, '\n');
  });
  // Lines beyond the mappings (e.g. the sourceMappingURL comment) are unmapped.
  const mapped = map.mappings.split(';').length;
  for (let index = mapped; index < lines.length; index++) add(-1, index < lines.length - 1 ? `${lines[index] ?? ''}\n` : (lines[index] ?? ''));
  return chunks;
}
