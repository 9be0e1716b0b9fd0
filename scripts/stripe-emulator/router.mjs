/** A minimal method + path router: `route("GET", "/v1/charges/:id", handler)`. */
export function createRouter() {
  const routes = [];
  return {
    route(method, pattern, handler) {
      const keys = [];
      const source = pattern.replace(/:(\w+)/g, (_, key) => {
        keys.push(key);
        return "([^/]+)";
      });
      routes.push({ method, regex: new RegExp(`^${source}/?$`), keys, handler });
    },
    /** `{ handler, params }`, `{ allowed: [...] }` when only the method is wrong, or undefined. */
    match(method, path) {
      const allowed = [];
      for (const route of routes) {
        const found = route.regex.exec(path);
        if (!found) continue;
        if (route.method !== method) {
          allowed.push(route.method);
          continue;
        }
        const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1])]));
        return { handler: route.handler, params };
      }
      return allowed.length ? { allowed } : undefined;
    },
  };
}
