// Starts the console: imports the wasm-bindgen glue Trunk named in the
// script tag's data attributes and runs the wasm. A file of its own, because
// the server's Content-Security-Policy allows no inline script.
const tag = document.getElementById('boot');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
