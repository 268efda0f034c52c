// chalk's terminal detection, replaced for the bundle (build/bundle.mjs): wmctl decides colour itself
// (src/output/style.ts makes each Chalk with an explicit level from --no-color, NO_COLOR, TERM and
// whether the stream is a terminal), and the real module loads node:tty, node:os and node:process
// when imported, on every run. chalk's default instance, which wmctl never uses, gets no colour.
export default { stdout: false, stderr: false };
