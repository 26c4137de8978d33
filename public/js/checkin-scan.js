// "Absen sekarang": reads the instructor's check-in QR with the phone's back camera (jsQR decodes
// the frames, served from node_modules at /vendor/jsqr.js) and posts the link into the existing
// check-in (POST /checkin/<meeting>/<step>/<sig>), or a scanned 6-digit code into the typed-code form.
// Without a camera or permission, the typed-code form below stays the way in.
(function () {
  var box = document.querySelector('[data-scanner]');
  if (!box) return;
  var video = box.querySelector('[data-scan-video]');
  var canvas = box.querySelector('[data-scan-canvas]');
  var status = box.querySelector('[data-scan-status]');
  var form = box.querySelector('[data-scan-form]');
  var codeForm = document.querySelector('[data-code-form]');
  var say = function (key) { status.textContent = box.getAttribute('data-msg-' + key) || ''; };
  var CHECKIN_PATH = /^\/checkin\/[a-f0-9]{24}\/\d{1,12}\/[A-Za-z0-9_-]{22}$/;
  var done = false;

  /** The check-in a scanned text names: a link of this site, or a typed code; null otherwise. */
  function target(text) {
    var s = String(text || '').trim();
    if (/^\d{3}\s?\d{3}$/.test(s)) return { code: s.replace(/\s/g, '') };
    try {
      var u = new URL(s, window.location.href);
      if (u.origin === window.location.origin && CHECKIN_PATH.test(u.pathname)) return { path: u.pathname };
    } catch (e) { /* not a link */ }
    return null;
  }

  function use(found) {
    done = true;
    say('found');
    if (video.srcObject) video.srcObject.getTracks().forEach(function (t) { t.stop(); });
    if (found.path) {
      form.setAttribute('action', found.path);
      form.submit();
    } else if (codeForm) {
      codeForm.querySelector('input[name="code"]').value = found.code;
      codeForm.submit();
    }
  }

  function tick() {
    if (done) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      var w = video.videoWidth, h = video.videoHeight;
      canvas.width = w;
      canvas.height = h;
      var ctx = canvas.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(video, 0, 0, w, h);
      var hit = window.jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
      if (hit && hit.data) {
        var found = target(hit.data);
        if (found) return use(found);
        say('not-ours');
      }
    }
    window.requestAnimationFrame(tick);
  }

  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof window.jsQR !== 'function') {
    say('no-camera');
    return;
  }
  say('starting');
  navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }).then(function (stream) {
    video.srcObject = stream;
    return video.play();
  }).then(function () {
    say('looking');
    window.requestAnimationFrame(tick);
  }).catch(function (err) {
    say(err && err.name === 'NotAllowedError' ? 'denied' : 'no-camera');
  });
})();
