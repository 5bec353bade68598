/* FVS console: small conveniences only; every page works without this script. */
(function () {
  "use strict";

  function rowInputs(row) { return row.querySelectorAll("input.time"); }

  function setOn(row, on) {
    var box = row.querySelector("input.day-on");
    if (box) { box.checked = on; }
    row.classList.toggle("off", !on);
  }

  document.addEventListener("click", function (event) {
    var copy = event.target.closest("button.copy-day");
    if (copy) {
      event.preventDefault();
      var source = copy.closest("tr");
      var values = Array.prototype.map.call(rowInputs(source), function (i) { return i.value; });
      document.querySelectorAll("table.week tbody tr").forEach(function (row) {
        if (row === source || row.dataset.day === "HOL") { return; }
        rowInputs(row).forEach(function (input, k) { input.value = values[k]; });
        setOn(row, true);
      });
      setOn(source, true);
      return;
    }
    var locate = event.target.closest("#current-location");
    if (locate) {
      var status = document.getElementById("location-status");
      if (!navigator.geolocation) { status.textContent = locate.dataset.error; return; }
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.getElementById("latitude").value = pos.coords.latitude.toFixed(6);
        document.getElementById("longitude").value = pos.coords.longitude.toFixed(6);
        status.textContent = "±" + Math.round(pos.coords.accuracy) + " m";
      }, function () { status.textContent = locate.dataset.error; }, { enableHighAccuracy: true, timeout: 15000 });
    }
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.classList && box.classList.contains("day-on")) {
      setOn(box.closest("tr"), box.checked);
    }
    if (box.id === "works-all" && box.checked) {
      document.querySelectorAll("table.week tbody tr").forEach(function (row) {
        if (row.dataset.day !== "HOL") { setOn(row, true); }
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); }
  });
})();
