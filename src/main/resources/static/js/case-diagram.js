/*
 * The case diagram on the portal's status page (templates/portal/case-status.html).
 *
 * Loads the case's process model (data-diagram-url), draws it with the bpmn-js NavigatedViewer
 * (global BpmnJS, from the WebJar), fits it to its box and marks the current step(s)
 * (data-step-ids) with the class "silta-current-step" (styled in css/silta.css). It can be
 * dragged, zoomed with Ctrl + wheel and with the zoom buttons (data-zoom), and fitted again.
 * An enhancement only: without JavaScript, or if anything fails, the section stays hidden and
 * the status in words is all there is.
 *
 * For tests: the section gets data-rendered="true" when the diagram is drawn and marked
 * (data-marked lists the ids marked), data-rendered="false" when it could not be drawn.
 * No inline script or style: the page's Content-Security-Policy allows neither.
 */
(function () {
  'use strict';

  var MARKER = 'silta-current-step';
  /** Room kept free at the bottom of the box for the bpmn.io link (bottom: 15px, 21px high). */
  var LINK_ROOM = 44;

  /**
   * Fits the whole diagram into the box, centred, never above 100 %, like the Viewer's own
   * canvas.zoom('fit-viewport', 'auto') but leaving the bpmn.io link's corner free, so that the
   * link never covers a step.
   */
  function fit(canvas) {
    var box = canvas.viewbox();
    var inner = box.inner;
    var outer = box.outer;
    var height = Math.max(outer.height - LINK_ROOM, outer.height / 2);
    var scale = Math.min(1, outer.width / inner.width, height / inner.height);
    canvas.viewbox({
      x: inner.x - (outer.width / scale - inner.width) / 2,
      y: inner.y - (height / scale - inner.height) / 2,
      width: outer.width / scale,
      height: outer.height / scale
    });
  }

  function start() {
    var section = document.getElementById('case-diagram');
    if (!section) {
      return;
    }
    var host = section.querySelector('.case-diagram-canvas');
    if (!host || typeof window.BpmnJS !== 'function' || typeof window.fetch !== 'function') {
      section.setAttribute('data-rendered', 'false');
      return;
    }
    var stepIds = (section.getAttribute('data-step-ids') || '').split(/\s+/).filter(Boolean);

    // the Viewer measures its container: show the section before drawing
    section.hidden = false;
    var viewer = new window.BpmnJS({ container: host });

    fetch(section.getAttribute('data-diagram-url'), {
      credentials: 'same-origin',
      headers: { Accept: 'application/xml' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('case diagram: HTTP ' + response.status);
      }
      return response.text();
    }).then(function (xml) {
      return viewer.importXML(xml);
    }).then(function () {
      var canvas = viewer.get('canvas');
      var elements = viewer.get('elementRegistry');
      fit(canvas);
      // zoom buttons for keyboard and touch users (the NavigatedViewer pans by dragging, zooms with Ctrl + wheel)
      Array.prototype.forEach.call(section.querySelectorAll('[data-zoom]'), function (button) {
        button.addEventListener('click', function () {
          var how = button.getAttribute('data-zoom');
          if (how === 'fit') {
            fit(canvas);
          } else {
            canvas.zoom(canvas.zoom() * (how === 'in' ? 1.25 : 0.8));
          }
          section.setAttribute('data-zoom-level', String(Math.round(canvas.zoom() * 100)));
        });
      });
      var marked = stepIds.filter(function (id) {
        return !!elements.get(id);
      });
      marked.forEach(function (id) {
        canvas.addMarker(id, MARKER);
      });
      // the drawing itself is the image; the bpmn.io link beside it stays a plain link
      var drawing = host.querySelector('.djs-container');
      drawing.setAttribute('role', 'img');
      drawing.setAttribute('aria-label', section.getAttribute('data-label') || '');
      section.setAttribute('data-marked', marked.join(' '));
      section.setAttribute('data-rendered', 'true');
    }).catch(function (error) {
      viewer.destroy();
      section.hidden = true;
      section.setAttribute('data-rendered', 'false');
      if (window.console) {
        window.console.warn(error);
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
