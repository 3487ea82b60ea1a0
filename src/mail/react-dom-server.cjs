// react-dom/server.edge without the legacy renderer it also loads (renderToString, ~250 KB):
// @react-email/render needs renderToReadableStream only (wrangler.toml [alias]). The build
// follows NODE_ENV as react-dom's own entry does, so React and its renderer always match.
module.exports =
  process.env.NODE_ENV === "production"
    ? require("../../node_modules/react-dom/cjs/react-dom-server.edge.production.js")
    : require("../../node_modules/react-dom/cjs/react-dom-server.edge.development.js");
