// The unit QR scanner: the camera (getUserMedia) read by jsQR in the browser; on a unit QR the
// form is sent with the payload. Without a camera the citizen sends a photo (decoded by the server).
(function () {
  "use strict";
  var video = document.getElementById("camera");
  var canvas = document.getElementById("frame");
  var form = document.getElementById("redeem-form");
  var field = document.getElementById("qr-text");
  var status = document.getElementById("scan-status");
  var denied = document.getElementById("camera-denied");
  var start = document.getElementById("start-camera");
  if (!video || !form) { return; }
  var stream = null, sent = false;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
  }

  function look() {
    if (!stream || sent) { return; }
    if (video.readyState >= 2 && video.videoWidth) {
      var scale = Math.min(1, 720 / Math.max(video.videoWidth, video.videoHeight));
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      var ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR ? window.jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" }) : null;
      if (code && code.data && code.data.indexOf("FVS2:") === 0) {
        sent = true;
        field.value = code.data;
        status.textContent = status.getAttribute("data-found");
        stop();
        form.submit();
        return;
      }
    }
    setTimeout(look, 200);
  }

  function open() {
    denied.hidden = true;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { denied.hidden = false; return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      video.setAttribute("playsinline", "");
      video.play();
      start.hidden = true;
      look();
    }).catch(function () {
      denied.hidden = false;
      start.hidden = false;
    });
  }

  start.addEventListener("click", open);
  window.addEventListener("pagehide", stop);
  open();
})();
