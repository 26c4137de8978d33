// "Bagikan" on a certificate: the phone's own share sheet (Web Share API) where there is one, and a
// copy button where the clipboard can be written. Without JavaScript the WhatsApp link and the
// read-only field with the link remain (views/certificates/partials/share.ejs).
(function () {
  document.querySelectorAll('[data-share]').forEach(function (box) {
    var url = box.getAttribute('data-share-url');
    var text = box.getAttribute('data-share-text');
    var native = box.querySelector('[data-share-native]');
    var field = box.querySelector('[data-share-field]');
    var copy = box.querySelector('[data-share-copy]');
    var said = box.querySelector('[data-share-copied]');
    if (native && typeof navigator.share === 'function') {
      native.hidden = false;
      native.addEventListener('click', function () {
        navigator.share({ title: document.title, text: text, url: url }).catch(function () {});
      });
    }
    if (field) field.addEventListener('focus', function () { field.select(); });
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(url).then(function () {
          if (said) said.textContent = copy.getAttribute('data-copied') || '';
        }).catch(function () {});
      });
    }
  });
})();
