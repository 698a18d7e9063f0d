// Niceties only: the pages work without this file.
(function () {
  "use strict";
  var q = document.getElementById("q");
  if (!q) return;
  var count = document.getElementById("q-count");
  var max = parseInt(q.getAttribute("maxlength") || "0", 10);
  function update() {
    if (count && max) count.textContent = q.value.length + "/" + max;
  }
  q.addEventListener("input", update);
  update();
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
