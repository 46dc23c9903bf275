// Quoting a span of a paragraph: when the reader selects words inside the
// unit text (marked data-quote-source="<id of the quote field>"), the
// selection is copied into the quote field of the comment form. Without
// JavaScript people paste the words themselves; the server finds them in
// the text either way.
(function () {
  "use strict";
  var sources = document.querySelectorAll("[data-quote-source]");
  if (!sources.length || !window.getSelection) {
    return;
  }
  function capture() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) {
      return;
    }
    var range = sel.getRangeAt(0);
    for (var i = 0; i < sources.length; i++) {
      var src = sources[i];
      if (src.contains(range.startContainer) && src.contains(range.endContainer)) {
        var field = document.getElementById(src.getAttribute("data-quote-source"));
        var text = sel.toString().replace(/\s+/g, " ").trim();
        if (field && text) {
          field.value = text;
        }
        return;
      }
    }
  }
  document.addEventListener("mouseup", capture);
  document.addEventListener("keyup", function (e) {
    if (e.shiftKey) {
      capture();
    }
  });
})();
