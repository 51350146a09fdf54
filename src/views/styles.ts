/**
 * The answer pages' only stylesheet, inlined into every page: no external CSS, fonts or images.
 * Colours keep ≥ 4.5:1 contrast for text and ≥ 3:1 for borders and focus rings on white.
 */
export const CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;color-scheme:light}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;background:#eef0f3}
a{color:#0b57a4;text-underline-offset:.15em}
a:hover{color:#083f77}
:focus-visible{outline:3px solid #1b1f24;outline-offset:2px}
.skip{position:absolute;left:-999em;top:.5rem;background:#fff;padding:.75rem 1rem;z-index:2}
.skip:focus{left:.5rem}
.vh,.scale input{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.top{background:#fff;border-bottom:1px solid #c9ced4}
.wrap{max-width:44rem;margin:0 auto;padding:.75rem 1rem}
.org{margin:0;font-weight:600}
.langs ul{display:flex;flex-wrap:wrap;gap:0 .75rem;margin:0;padding:0;list-style:none}
.langs a{display:inline-block;padding:.6rem .25rem;min-height:2.75rem}
.langs a[aria-current]{font-weight:700;color:#1b1f24;text-decoration-thickness:.15em}
main{display:block}
.card{background:#fff;border:1px solid #c9ced4;border-radius:.5rem;padding:1.25rem;margin:1rem 0}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}
h2{font-size:1.125rem;margin:0 0 .5rem}
p{margin:0 0 1rem}
fieldset{border:0;margin:0 0 1.75rem;padding:0;min-width:0}
legend,.q{display:block;font-weight:600;font-size:1.125rem;line-height:1.35;padding:0;margin:0 0 .5rem}
.req{font-weight:400;color:#4a525a}
.hint{color:#4a525a;margin:0 0 .5rem}
.scale{position:relative;display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:.375rem}
.scale.r5{grid-template-columns:repeat(5,minmax(0,1fr))}
.scale label{display:flex;align-items:center;justify-content:center;min-height:2.75rem;min-width:0;border:2px solid #5c6670;border-radius:.375rem;background:#fff;font-weight:600;font-variant-numeric:tabular-nums;cursor:pointer}
.scale label:hover{border-color:#0b57a4;background:#e8f0fa}
.scale input:checked+label{background:#0b57a4;border-color:#0b57a4;color:#fff}
.scale input:focus-visible+label{outline:3px solid #1b1f24;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;margin:.375rem 0 0;font-size:.9375rem;color:#4a525a}
.ends span:last-child{text-align:right}
.choice{display:flex;align-items:center;gap:.625rem;min-height:2.75rem}
.choice input{flex:none;width:1.5rem;height:1.5rem;margin:0;accent-color:#0b57a4}
.choice label{flex:1;padding:.375rem 0;cursor:pointer}
label.q{font-size:1.0625rem}
textarea,input[type=text],input[type=email],input[type=tel]{display:block;width:100%;font:inherit;padding:.5rem .625rem;border:2px solid #5c6670;border-radius:.25rem;background:#fff;color:inherit}
textarea{min-height:8rem;resize:vertical}
.field{margin:0 0 1.5rem}
.invalid{border-left:4px solid #b3261e;padding-left:.75rem}
.invalid textarea,.invalid input[type=text],.invalid input[type=email],.invalid input[type=tel]{border-color:#b3261e}
.err{color:#b3261e;font-weight:600;margin:0 0 .5rem}
.summary{border:3px solid #b3261e;border-radius:.375rem;padding:1rem;margin:0 0 1.5rem}
.summary ul{margin:0;padding-left:1.25rem}
.summary a{color:#b3261e;font-weight:600}
.notice{border-left:5px solid #1d7a3a;background:#eaf5ed;padding:.75rem 1rem;margin:0 0 1.5rem}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.625rem 1.5rem;border:0;border-radius:.375rem;background:#0b57a4;color:#fff;cursor:pointer}
button:hover{background:#083f77}
.small{font-size:.9375rem;color:#4a525a}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
/* A 0–10 scale stays on one row down to 320 px (a second row moves the visual middle) with each point at least
   24 px wide: on narrow screens the margins and gaps shrink to make room. */
@media (max-width:30em){main .wrap{padding:.5rem .25rem}.card{padding:1rem .5rem}.scale{gap:2px}.scale label{font-size:1rem;border-radius:.25rem}fieldset.invalid{border-left-width:3px;padding-left:.25rem}}
.embed{background:#fff}
.embed .wrap{padding:.5rem}
.embed .card{border:0;padding:.5rem 0;margin:0}
@media (prefers-reduced-motion:no-preference){.scale label{transition:background-color .15s,border-color .15s}}
@media (forced-colors:active){.scale input:checked+label{forced-color-adjust:none;background:Highlight;color:HighlightText;border-color:Highlight}}
@media print{.langs,.skip,button{display:none}}`;
