/** Kinds of concern a provider raises (the seeds: "palvelu ei vastaa asiakkaan tarpeisiin tai
 * asiakkaan palvelunkäyttö on poikkeavaa"). */
export type ConcernKind = 'ABNORMAL_USE' | 'NEED_NOT_MET';

export const CONCERN_TITLES: Record<ConcernKind, string> = {
  ABNORMAL_USE: 'Palveluntuottajan huoli: asiakkaan palvelunkäyttö on poikkeavaa',
  NEED_NOT_MET: 'Palveluntuottajan huoli: palvelu ei vastaa asiakkaan tarpeisiin',
};

export const MAX_CONCERN_LENGTH = 2000;

/** Why a concern's text is refused, or null (the caller stores the trimmed text). */
export function concernTextRefusal(message: string): string | null {
  const text = message.trim();
  if (text.length === 0) return 'Describe what you noticed.';
  if (text.length > MAX_CONCERN_LENGTH)
    return `The description may be at most ${MAX_CONCERN_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text))
    return 'The description contains control characters.';
  return null;
}
