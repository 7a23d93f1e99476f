// Loaded on every page as <script type="module" nonce="…">. Registers the
// service worker once the page has loaded (so it never competes with the first
// render on a slow phone) and offers "Install app" when the browser allows it.

if ("serviceWorker" in navigator) {
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error) => {
      console.warn("Kindred: service worker registration failed", error);
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

// The button is server-rendered with `hidden`; it is shown only when the
// browser has actually offered installation.
let installPrompt = null;

window.addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault(); // keep the browser's own banner away; we offer a button
  installPrompt = event;
  const button = document.getElementById("install-app");
  if (!button) return;
  button.hidden = false;
  button.onclick = async () => {
    const prompt = installPrompt;
    if (!prompt) return;
    installPrompt = null; // a prompt can be shown only once
    button.hidden = true;
    await prompt.prompt();
  };
});
