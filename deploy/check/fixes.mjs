// One-line fixes deploy:check prints under a FAIL, per SENDFILE_BACKEND.

const RENDER = (backend) => `npm run deploy:render -- ${backend}`;

export function offloadFix(backend) {
  switch (backend) {
    case "nginx":
      return (
        `nginx must take over X-Accel-Redirect: install the site from \`${RENDER("nginx")}\` (location ^~ ` +
        "<SENDFILE_URL> { internal; alias <PROTECTED_ROOT>/; }) and reload nginx"
      );
    case "apache":
      return (
        `Apache must take over X-Sendfile: a2enmod xsendfile, and \`XSendFile On\` + \`XSendFilePath ` +
        `<PROTECTED_ROOT>\` in the vhost (\`${RENDER("apache")}\`)`
      );
    case "lighttpd":
      return (
        `lighttpd must take over X-Sendfile: "x-sendfile" => "enable" and "x-sendfile-docroot" in proxy.server ` +
        `(\`${RENDER("lighttpd")}\`)`
      );
    case "caddy":
      return (
        "Caddy must take over X-Accel-Redirect: the handle_response @offload block in reverse_proxy " +
        `(\`${RENDER("caddy")}\`)`
      );
    default:
      return (
        `put the web server rendered by \`npm run deploy:render -- <server>\` in front of the app, with ` +
        "SENDFILE_BACKEND=<server>"
      );
  }
}

export function internalPrefixFix(backend, prefix) {
  if (backend === "nginx")
    return (
      `mark nginx's \`location ^~ ${prefix}\` as \`internal;\`, with a "/" at the end of both the location and ` +
      "the alias"
    );
  if (backend === "caddy")
    return (
      `add \`handle ${prefix}* { respond 404 }\` outside reverse_proxy, and serve files only inside ` +
      "handle_response"
    );
  return (
    `no Alias, root or location may map ${prefix} to PROTECTED_ROOT on this server: only the offload header ` +
    "may reach it"
  );
}

export const STORAGE_FIX =
  "no document root, alias or location may point at PROTECTED_ROOT or a folder above it; " +
  'and every alias must end in "/" exactly when its URL prefix does';

export function headersFix(backend) {
  if (backend === "nginx")
    return (
      "nginx keeps the app's Content-Type and Content-Disposition; add `add_header X-Content-Type-Options " +
      "nosniff always;` to the internal location"
    );
  if (backend === "caddy")
    return (
      "list Content-Type, Content-Disposition, Cache-Control and X-Content-Type-Options in handle_response's " +
      "copy_response_headers"
    );
  return (
    "the web server must pass the app's Content-Type, Content-Disposition and X-Content-Type-Options through " +
    "unchanged"
  );
}

export function rangeFix(backend) {
  if (backend === "node")
    return "the app answers Range itself: is a proxy in front stripping the Range header or buffering the answer?";
  return (
    "the web server must answer Range for offloaded files (it does by default): look for a module or cache in " +
    "front that drops Range"
  );
}

export function headFix(backend) {
  if (backend === "caddy")
    return "remove `method * GET` from handle_response: Caddy then sends the file body in answer to HEAD";
  return "the web server sent body bytes after a HEAD answer; check for a filter or handler rewriting the method";
}

export const LEAK_FIX =
  "the client must never see X-Accel-Redirect, X-Sendfile or a file path: " +
  "SENDFILE_BACKEND must match the server in front, and that server must handle the header (see the first FAIL above)";

export const APP_PORT_FIX =
  "bind the app to loopback (HOSTNAME=127.0.0.1, the default of npm start) or firewall that port";
