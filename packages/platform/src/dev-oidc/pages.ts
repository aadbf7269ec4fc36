import type { DemoAccount } from './accounts';

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f5f5f5;color:#1f1f1f;line-height:1.5}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
.notice{background:#fff3cd;border-left:4px solid #8a6d00;padding:.5rem .75rem}
form{margin:1rem 0}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{font:inherit;padding:.5rem;border:1px solid #5c5c5c;border-radius:4px;width:100%;box-sizing:border-box}
button{font:inherit;cursor:pointer;border-radius:4px;padding:.6rem 1rem;min-height:44px}
.primary{background:#1a4f8b;color:#fff;border:0;margin-top:.5rem}
ul{list-style:none;padding:0;margin:0}
li{margin:.5rem 0}
.person{display:block;width:100%;text-align:left;background:#fff;border:1px solid #5c5c5c;color:#1f1f1f}
.person span{display:block;font-size:.9rem;color:#4a4a4a}
.error{color:#a4000f;font-weight:600}
:focus-visible{outline:3px solid #1a4f8b;outline-offset:2px}
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} – HB-keskus (kehitys)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** What the sign-in page shows. */
export interface LoginPageOptions {
  /** Where the form posts. */
  action: string;
  accounts: readonly DemoAccount[];
  /** A refusal of the previous attempt. */
  error?: string;
  /** The username typed before, shown again with the error. */
  username?: string;
}

/** The local provider's sign-in page: type a demo username, or pick a demo person. */
export function loginPage(options: LoginPageOptions): string {
  const people = options.accounts
    .map(
      (
        a,
      ) => `<li><button class="person" type="submit" name="username" value="${escape(a.username)}">
${escape(a.name)}<span>${escape(a.title)} · käyttäjätunnus ${escape(a.username)}</span></button></li>`,
    )
    .join('\n');
  const error = options.error
    ? `<p class="error" id="username-error" role="alert">${escape(options.error)}</p>`
    : '';
  return layout(
    'Kirjaudu',
    `<h1>Kirjaudu HB-keskukseen</h1>
<p class="notice">Kehitysympäristön tunnistuspalvelu: demohenkilöt, ei salasanoja. Tuotannossa kirjautuminen tapahtuu hyvinvointialueen tunnistuspalvelussa tai Suomi.fi-tunnistuksella.</p>
<form method="post" action="${escape(options.action)}">
<label for="username">Käyttäjätunnus</label>
<input id="username" name="username" autocomplete="username" value="${escape(options.username ?? '')}"${options.error ? ' aria-invalid="true" aria-describedby="username-error"' : ''}>
${error}
<button class="primary" type="submit">Jatka</button>
</form>
<h2>Demohenkilöt</h2>
<form method="post" action="${escape(options.action)}">
<ul>
${people}
</ul>
</form>`,
  );
}

/** The confirmation of an RP-initiated sign-out; `form` is the provider's own hidden form. */
export function logoutPage(form: string): string {
  return layout(
    'Kirjaudu ulos',
    `<h1>Kirjaudu ulos HB-keskuksesta</h1>
${form}
<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes">Kirjaudu ulos</button>
<button type="submit" form="op.logoutForm">Peruuta</button>`,
  );
}

/** Shown after a sign-out that names no way back. */
export function loggedOutPage(): string {
  return layout('Kirjauduit ulos', '<h1>Olet kirjautunut ulos</h1>');
}

/** A refused or expired request; says nothing about the internals. */
export function errorPage(message: string): string {
  return layout(
    'Virhe',
    `<h1>Kirjautuminen ei onnistunut</h1><p>${escape(message)}</p><p>Palaa sovellukseen ja yritä uudelleen.</p>`,
  );
}
