/**
 * The search key of a place name: lowercase, accents and punctuation gone, "St" and "St." read as "Sint".
 * "Sint-Genesius-Rode", "sint genesius rode" and "St.-Genesius-Rode" all become "sint genesius rode".
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim()
    .replace(/(^| )st(?= |$)/gu, '$1sint');
}
