// The instructor's check-in screen: reload when the rotating code changes (the server says when),
// so the QR, the typed code and the list of who has checked in stay current. No inline script (CSP).
(function () {
  var el = document.querySelector('[data-refresh-ms]');
  if (!el) return;
  var ms = parseInt(el.getAttribute('data-refresh-ms'), 10);
  if (!(ms > 0)) ms = 30000;
  setTimeout(function () { window.location.reload(); }, ms + 250);
})();
