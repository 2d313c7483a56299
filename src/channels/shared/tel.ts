/** "031-366 37 65" → "+46313663765" for a tel: link (Swedish numbers as the guide writes them). */
export function telephoneUri(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('0') ? `+46${digits.slice(1)}` : digits}`;
}
