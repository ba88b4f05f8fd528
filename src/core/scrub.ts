/**
 * Removes personal data from free text before it leaves the device: e-mail addresses, French
 * social-security numbers (NIR), French and international phone numbers. The collector scrubs
 * again on its side; this pass means the data never travels.
 */
const patterns: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[e-mail retiré]'],
  // NIR: sex, year, month, department (2A/2B for Corsica), commune, order, optional key.
  [/\b[12][\s.-]?\d{2}[\s.-]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.-]?(?:\d{2}|2[abAB])[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{2})?\b/g, '[n° retiré]'],
  [/(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/g, '[téléphone retiré]'],
  [/(?:\+|\b00)[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,5}\b/g, '[téléphone retiré]'],
];

export function scrubPersonalData(text: string): string {
  return patterns.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
