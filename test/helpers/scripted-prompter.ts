import type { Choice, Prompter } from "../../src/prompts/prompter.js";

/** Answers prompts from a script, in order; records the questions asked. */
export class ScriptedPrompter implements Prompter {
  readonly canPrompt = true;
  readonly asked: string[] = [];
  constructor(private readonly answers: Array<string | boolean>) {}

  private next(message: string): string | boolean {
    this.asked.push(message);
    if (this.answers.length === 0) throw new Error(`unexpected prompt: ${message}`);
    return this.answers.shift() as string | boolean;
  }
  async confirm(message: string): Promise<boolean> {
    return this.next(message) === true;
  }
  async input(message: string, o: { default?: string }): Promise<string> {
    const a = this.next(message);
    return a === "" && o.default !== undefined ? o.default : String(a);
  }
  /** Like the terminal prompt, a `validate` that refuses an answer asks again (the refusal is recorded). */
  readonly refused: string[] = [];
  async password(message: string, o: { validate?: (v: string) => true | string } = {}): Promise<string> {
    for (;;) {
      const answer = String(this.next(message));
      const verdict = o.validate?.(answer) ?? true;
      if (verdict === true) return answer;
      this.refused.push(verdict);
    }
  }
  async select<T extends string>(message: string, choices: readonly Choice<T>[]): Promise<T> {
    const a = String(this.next(message));
    const hit = choices.find((c) => c.value === a);
    if (hit === undefined) throw new Error(`scripted answer "${a}" is not a choice of "${message}"`);
    return hit.value;
  }
}
