import htm from "htm";
import { h } from "preact";

/** Tagged templates to preact elements: every interpolated value is text or a prop, never HTML. */
export const html = htm.bind(h);
