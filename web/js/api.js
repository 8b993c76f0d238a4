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

// The requests that must reach the lab in the order they were made, each sent once the previous one has its answer:
// a playback's load, settings, injections and steps, from its buttons, forms and the presenter's keys alike (a
// clicker pressed three times quickly is three steps in order, and a step right after Load steps the new scenario).
let line = Promise.resolve();

/** {@link call}, after every earlier callInOrder has had its answer. */
export function callInOrder(method, path, body) {
  const result = line.then(() => call(method, path, body));
  line = result.catch(() => null); // a request that throws still lets the next one go
  return result;
}

/** Writes a result message; kind 'ok' or 'error' is also a word in the text, so colour is not the only signal. */
export function say(element, kind, text) {
  element.textContent = text;
  element.dataset.kind = kind;
}
