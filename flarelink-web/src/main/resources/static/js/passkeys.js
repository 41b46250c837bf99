"use strict";
// Passkey sign-in and registration through Spring Security's WebAuthn endpoints (after its own
// spring-security-webauthn.js): the options come from the server, the browser talks to the authenticator, and
// the result goes back as JSON with the page's CSRF token.
(() => {
  const base64url = {
    encode(buffer) {
      const base64 = window.btoa(String.fromCharCode(...new Uint8Array(buffer)));
      return base64.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_");
    },
    decode(text) {
      const binary = window.atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) {
        bytes[i] = binary.charCodeAt(i);
      }
      return bytes.buffer;
    }
  };

  function csrfHeaders(form) {
    const token = form.querySelector('input[name="_csrf"]');
    return token ? { "X-CSRF-TOKEN": token.value } : {};
  }

  function post(url, headers, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }

  function showError(message) {
    const error = document.getElementById("passkey-error");
    error.textContent = message;
    error.hidden = false;
  }

  async function signIn(form) {
    const headers = csrfHeaders(form);
    const optionsResponse = await post("/webauthn/authenticate/options", headers);
    if (!optionsResponse.ok) {
      throw new Error("Flarelink could not start a passkey sign-in. Reload the page and try again.");
    }
    const options = await optionsResponse.json();
    options.challenge = base64url.decode(options.challenge);
    options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) }));
    let credential;
    try {
      credential = await navigator.credentials.get({ publicKey: options });
    } catch (e) {
      throw new Error("No passkey was used. Try again, or sign in with your password.");
    }
    const response = credential.response;
    const result = await post("/login/webauthn", headers, {
      id: credential.id,
      rawId: base64url.encode(credential.rawId),
      response: {
        authenticatorData: base64url.encode(response.authenticatorData),
        clientDataJSON: base64url.encode(response.clientDataJSON),
        signature: base64url.encode(response.signature),
        userHandle: response.userHandle ? base64url.encode(response.userHandle) : undefined
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment
    });
    const answer = result.ok ? await result.json() : null;
    if (!answer || !answer.authenticated) {
      throw new Error("That passkey was not accepted. Sign in with your password, or use another passkey.");
    }
    window.location.href = answer.redirectUrl;
  }

  async function register(form) {
    const label = form.querySelector("#passkey-label").value.trim();
    if (!label) {
      throw new Error("Give the passkey a name, like \"Work laptop\", so you can tell your passkeys apart.");
    }
    const headers = csrfHeaders(form);
    const optionsResponse = await post("/webauthn/register/options", headers);
    if (optionsResponse.status === 403) {
      const answer = await optionsResponse.json().catch(() => null);
      if (answer && answer.confirm) {
        window.location.href = answer.confirm;
        return;
      }
    }
    if (!optionsResponse.ok) {
      throw new Error("Flarelink could not start adding a passkey. Reload the page and try again.");
    }
    const options = await optionsResponse.json();
    options.challenge = base64url.decode(options.challenge);
    options.user = { ...options.user, id: base64url.decode(options.user.id) };
    options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) }));
    let credential;
    try {
      credential = await navigator.credentials.create({ publicKey: options });
    } catch (e) {
      throw new Error("No passkey was made. Try again; a device can hold one passkey per account.");
    }
    const response = credential.response;
    const result = await post("/webauthn/register", headers, {
      publicKey: {
        credential: {
          id: credential.id,
          rawId: base64url.encode(credential.rawId),
          response: {
            attestationObject: base64url.encode(response.attestationObject),
            clientDataJSON: base64url.encode(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : []
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment
        },
        label
      }
    });
    const answer = result.ok ? await result.json() : null;
    if (!answer || !answer.success) {
      throw new Error("Flarelink did not accept that passkey. Try again.");
    }
    window.location.reload();
  }

  function wire(id, action) {
    const form = document.getElementById(id);
    if (!form) {
      return;
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      action(form).catch((e) => showError(e.message));
    });
  }

  wire("passkey-signin", signIn);
  wire("passkey-register", register);
})();
