/**
 * How the service reads query strings: each parameter is a string, or the list of its
 * values when it is given more than once (which the API refuses); a parameter given
 * empty (`?kind=`, what a form sends for a cleared filter) is as if it were not given.
 * No nesting: `q[a]=b` is a parameter named "q[a]".
 */
export function parseQueryString(text: string): Record<string, string | string[]> {
  // No prototype, so a parameter named like one of Object's members is just a parameter.
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    if (value === '') continue;
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}
