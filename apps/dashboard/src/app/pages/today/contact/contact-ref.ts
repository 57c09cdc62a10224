/** Whose timeline to show: the email it is looked up by, and a name when one is known. */
export interface ContactRef {
  email: string;
  name: string | null;
}
