// FVS LINE pages: the PIN keypad (a hidden field stays the form's value, so the page works without script).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("[data-pin]").forEach(function (box) {
    var input = box.querySelector(".pin-input");
    var dots = box.querySelectorAll(".dots span");
    function show() {
      dots.forEach(function (dot, i) { dot.classList.toggle("on", i < input.value.length); });
    }
    box.querySelectorAll(".key").forEach(function (key) {
      key.addEventListener("click", function () {
        var k = key.getAttribute("data-key");
        if (k === "back") { input.value = input.value.slice(0, -1); }
        else if (input.value.length < 6) { input.value += k; }
        show();
      });
    });
    input.addEventListener("input", show);
    show();
  });
  document.querySelectorAll("[data-until]").forEach(function (el) {
    var until = Date.parse(el.getAttribute("data-until"));
    function tick() {
      var left = Math.max(0, Math.round((until - Date.now()) / 1000));
      el.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left > 0) { setTimeout(tick, 1000); }
    }
    tick();
  });
  document.querySelectorAll("[data-close]").forEach(function (el) {
    el.addEventListener("click", function () {
      if (window.liff && window.liff.closeWindow) { window.liff.closeWindow(); } else { window.close(); }
    });
  });
})();
