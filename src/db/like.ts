/** A user's text as a LIKE/ILIKE literal: `%`, `_` and the escape character itself match only themselves. */
export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
