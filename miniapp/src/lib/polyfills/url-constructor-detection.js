// Replaces core-js-pure/internals/url-constructor-detection in the weapp build (config/index.ts).
// The original probes the free variable `URL`, which our ProvidePlugin maps back to core-js (a
// circular import). Answer "the native URL is not usable" so core-js always uses its own.
module.exports = false;
