// Swagger UI over forewarn's own OpenAPI schema; a file, not an inline script, so that the
// page runs under the app's Content-Security-Policy (script-src 'self').
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
});
