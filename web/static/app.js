// Niceties only: the pages work without this file.
(function () {
  "use strict";
  var q = document.getElementById("q");
  if (!q) return;
  var count = document.getElementById("q-count");  // seen, never announced (aria-hidden)
  var left = document.getElementById("q-left");    // announced, politely, only near the limit
  var max = parseInt(q.getAttribute("maxlength") || "0", 10);
  var NEAR = 50, timer = null, said = "";
  function announce() {
    var n = max - q.value.length;
    var text = n <= NEAR && left ? (left.getAttribute("data-near") || "{n}").replace("{n}", String(n)) : "";
    if (left && text !== said) { left.textContent = text; said = text; }
  }
  function update() {
    if (count && max) count.textContent = q.value.length + "/" + max;
    if (timer) clearTimeout(timer);
    timer = setTimeout(announce, 700);  // once the typing pauses, not on every key
  }
  q.addEventListener("input", update);
  if (count && max) count.textContent = q.value.length + "/" + max;
  // Enter asks; Shift+Enter makes a new line.
  q.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (q.value.trim() && q.form) {
        if (q.form.requestSubmit) q.form.requestSubmit(); else q.form.submit();
      }
    }
  });
})();
