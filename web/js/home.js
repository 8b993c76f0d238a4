// Keeps the home page's broker card current (state, problem, cluster id) with a light poll of /api/health;
// the banner every page shows when Kafka or the lab stops answering comes from status.js over /ws.
// Every value goes in with textContent, never innerHTML.

const POLL_MS = 2000;

const els = {
  state: document.getElementById('broker-state'),
  problem: document.getElementById('broker-problem'),
  clusterId: document.getElementById('broker-cluster-id'),
};

function show(up, problem, clusterId) {
  els.state.textContent = up ? 'up' : 'down';
  els.state.dataset.state = up ? 'up' : 'down';
  els.state.className = 'badge ' + (up ? 'badge-up' : 'badge-down');
  els.problem.textContent = problem || '';
  if (clusterId) els.clusterId.textContent = clusterId;
}

async function poll() {
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    const health = await response.json();
    show(health.brokerReachable, health.problem, health.clusterId);
  } catch (e) {
    show(false, 'The lab itself does not answer: is it still running?', null);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

if (els.state) poll();
