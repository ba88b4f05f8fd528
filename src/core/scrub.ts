/**
 * Removes personal data from free text before it leaves the device: e-mail addresses, French
 * social-security numbers (NIR), French and international phone numbers. The collector scrubs
 * again on its side; this pass means the data never travels.
 */
const patterns: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[e-mail retiré]'],
  // NIR: sex, year, month, department (2A/2B for Corsica), commune, order, optional key.
  [/\b[12][\s.-]?\d{2}[\s.-]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.-]?(?:\d{2}|2[abAB])[\s.-]?\d{3}[\s.-]?\d{3}(?:[\s.-]?\d{2})?\b/g, '[n° retiré]'],
  // French numbers (06 12 34 56 78), then international ones (+33 6…, 0044 20…): 8 digits or more.
  [/\b0[1-9](?:[\s.-]?\d{2}){4}\b|(?:\+|\b00)[1-9](?:[\s.()-]{0,2}\d){7,14}\b/g, '[téléphone retiré]'],
];

export function scrubPersonalData(text: string): string {
  return patterns.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
