// agora progressive enhancement. Every page works without this file; it
// only makes a few things smoother.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen-reader users hear what
    // went wrong right after submitting.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    // Ask before destructive actions marked with data-confirm.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { ev.preventDefault(); }
      });
    });
    // Filter forms submit on change of a select, saving a click.
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.requestSubmit(); });
    });
  });
})();
