/** Today's date in Belgium (YYYY-MM-DD): a consent given this morning in Brussels is never "in the future". */
export function belgianToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
