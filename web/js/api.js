// Calls to the lab's REST actions. Errors come back as {error: "..."}; callers show that text as it is.
export async function call(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    return { ok: false, error: 'The lab does not answer: is it still running?' };
  }
  if (response.status === 204) return { ok: true, body: null };
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    // an empty or non-JSON body: report the status alone
  }
  if (!response.ok) {
    return { ok: false, error: (json && json.error) || `The lab answered ${response.status}.` };
  }
  return { ok: true, body: json };
}

/** Writes a result message; kind 'ok' or 'error' is also a word in the text, so colour is not the only signal. */
export function say(element, kind, text) {
  element.textContent = text;
  element.dataset.kind = kind;
}
