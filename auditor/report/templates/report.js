(function () {
  "use strict";

  function sortTable(table, th) {
    var column = Array.prototype.indexOf.call(th.parentElement.cells, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
      var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
      var nx = parseFloat(x);
      var ny = parseFloat(y);
      var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  document.querySelectorAll("table.sortable th button").forEach(function (button) {
    button.addEventListener("click", function () {
      sortTable(button.closest("table"), button.closest("th"));
    });
  });

  var tip = document.getElementById("tooltip");
  var pinned = null;

  function show(mark) {
    tip.replaceChildren();
    mark.getAttribute("data-findings").split(" ").forEach(function (key) {
      var detail = document.getElementById(key + "-detail");
      if (detail) {
        var copy = detail.cloneNode(true);
        copy.removeAttribute("id");
        tip.appendChild(copy);
      }
    });
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var page = document.documentElement.clientWidth;
    var left = Math.min(box.left, page - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    mark.setAttribute("aria-describedby", "tooltip");
  }

  function hide() {
    tip.hidden = true;
    pinned = null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark && !pinned) {
      show(mark);
    }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark && !pinned && !mark.contains(event.relatedTarget)) {
      tip.hidden = true;
    }
  });
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark) {
      show(mark);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.closest("mark.hl") && !pinned) {
      tip.hidden = true;
    }
  });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark) {
      pinned = pinned === mark ? null : mark;
      show(mark);
    } else if (!tip.contains(event.target)) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
    }
  });

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
    document.querySelectorAll(".targeted").forEach(function (segment) {
      segment.classList.remove("targeted");
    });
    if (target) {
      var selector = '[data-spans~="' + CSS.escape(id) + '"]';
      document.querySelectorAll(selector).forEach(function (segment) {
        segment.classList.add("targeted");
      });
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
