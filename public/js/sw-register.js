// Registers the service worker (public/js/service-worker.js, served at /sw.js for the whole site),
// then hands it the style sheets and scripts this page uses, so offline copies look the same.
(function () {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var urls = [];
      document.querySelectorAll('link[rel="stylesheet"][href], script[src]').forEach(function (el) {
        urls.push(el.getAttribute('href') || el.getAttribute('src'));
      });
      if (reg.active) reg.active.postMessage({ type: 'keep-files', urls: urls });
    }).catch(function () {});
  });
})();
