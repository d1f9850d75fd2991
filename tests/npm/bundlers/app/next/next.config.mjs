// The Next.js case: `next build --webpack`, exported as static files
// (`output: 'export'`) that the test serves like the other bundles. The
// package itself needs no Next config.
export default { output: 'export' };
