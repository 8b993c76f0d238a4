// On every page: a banner that says when the lab's connection is lost or Kafka is not answering,
// and clears itself when things come back. Text only, via textContent.
import { live, keyedState } from './live.js';

const banner = document.getElementById('live-banner');
if (banner) {
  const connection = live();
  let linkState = 'connecting';
  let broker = null;

  const render = () => {
    let text = '';
    let kind = '';
    if (linkState === 'closed') {
      text = 'Lost the connection to the lab. Reconnecting… (is the lab still running?)';
      kind = 'lab-down';
    } else if (broker && broker.checked && !broker.reachable) {
      text = 'Kafka is not answering: ' + (broker.problem || 'no reply') + ' The page updates again by itself when it is back.';
      kind = 'broker-down';
    }
    banner.textContent = text;
    banner.dataset.state = kind || 'ok';
    banner.hidden = !text;
  };

  connection.onState((state) => {
    linkState = state === 'open' ? 'open' : state === 'closed' ? 'closed' : linkState;
    render();
  });
  const status = keyedState((entries) => {
    broker = entries.get('broker') || null;
    render();
  });
  connection.subscribe({ subject: 'status' }, status.handlers);
}
