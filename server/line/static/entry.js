// The LIFF entry: get the LIFF ID token (or a development user's) and post it to /line/session.
(function () {
  "use strict";
  var cfg = document.getElementById("line-config");
  var form = document.getElementById("session-form");
  var token = document.getElementById("id-token");
  var status = document.getElementById("entry-status");
  if (!cfg || !form) { return; }
  if (cfg.getAttribute("data-dev") === "1") {
    var dev = document.getElementById("dev-form");
    if (dev) {
      dev.addEventListener("submit", function (e) {
        e.preventDefault();
        token.value = "dev:" + document.getElementById("dev-user").value.trim();
        form.submit();
      });
    }
    return;
  }
  var liffId = cfg.getAttribute("data-liff-id");
  if (!window.liff || !liffId) {
    status.textContent = status.getAttribute("data-open-in-line");
    return;
  }
  window.liff.init({ liffId: liffId }).then(function () {
    if (!window.liff.isLoggedIn()) { window.liff.login(); return; }
    token.value = window.liff.getIDToken();
    form.submit();
  }).catch(function () {
    status.textContent = status.getAttribute("data-open-in-line");
  });
})();
