// Uploads the chosen files straight to R2; the bytes never pass through Flarelink.
// - Up to the multipart threshold: Flarelink signs one presigned PUT (a POST carrying the CSRF token), the browser
//   PUTs the file.
// - Above it: Flarelink starts a multipart upload and signs the parts' PUTs a few at a time; the browser PUTs each
//   slice, reads the part's ETag from R2's answer (the bucket's CORS rule must expose ETag), and Flarelink completes
//   the upload with the part numbers and ETags. A failed part or Cancel aborts it, so R2 keeps no stray parts.
(function () {
  var form = document.getElementById('files-upload');
  if (!form) {
    return;
  }
  var input = document.getElementById('upload-files');
  var list = document.getElementById('upload-progress');
  var threshold = Number(form.getAttribute('data-multipart-threshold')) || Infinity;
  var multipartBase = form.getAttribute('data-multipart');
  var URLS_PER_REQUEST = 10;

  function row(name) {
    var item = document.createElement('li');
    var label = document.createElement('span');
    label.textContent = name + ' ';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    // Named after its file; the status beside it is a live region, so progress and the outcome are announced.
    bar.setAttribute('aria-label', 'Uploading ' + name);
    var status = document.createElement('span');
    status.className = 'files-upload-status';
    status.setAttribute('role', 'status');
    item.appendChild(label);
    item.appendChild(bar);
    item.appendChild(status);
    list.appendChild(item);
    return { item: item, bar: bar, status: status };
  }

  // POSTs form fields (plus the CSRF token) to Flarelink and answers its JSON, or fails with its message.
  function post(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      var value = fields[name];
      (Array.isArray(value) ? value : [value]).forEach(function (v) { body.append(name, String(v)); });
    });
    var csrf = form.querySelector('input[name="_csrf"]');
    if (csrf) {
      body.append('_csrf', csrf.value);
    }
    return fetch(url, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) {
            throw new Error(answer.error || 'Flarelink could not sign the upload.');
          }
          return answer;
        });
      });
  }

  // PUTs a file or a slice of one to a presigned URL; resolves with the ETag R2 answered (null if unreadable).
  function put(url, body, contentType, onProgress, upload) {
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      request.open('PUT', url);
      if (contentType) {
        request.setRequestHeader('Content-Type', contentType);
      }
      request.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) {
          onProgress(event.loaded);
        }
      });
      request.addEventListener('load', function () {
        if (request.status >= 200 && request.status < 300) {
          resolve(request.getResponseHeader('ETag'));
        } else {
          reject(new Error('R2 answered HTTP ' + request.status));
        }
      });
      request.addEventListener('error', function () {
        reject(new Error('R2 could not be reached; check the bucket\'s CORS rules allow this site.'));
      });
      request.addEventListener('abort', function () {
        reject(new Error('cancelled'));
      });
      if (upload) {
        upload.request = request;
      }
      request.send(body);
    });
  }

  function single(file, key, ui) {
    return post(form.action, { key: key }).then(function (answer) {
      return put(answer.url, file, file.type, function (loaded) {
        ui.bar.value = Math.round((loaded / file.size) * 100);
      });
    }).then(function () {
      ui.bar.value = 100;
    });
  }

  function multipart(file, key, ui) {
    var upload = { cancelled: false, request: null, id: null };
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'button subtle files-upload-cancel';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', function () {
      upload.cancelled = true;
      cancel.disabled = true;
      if (upload.request) {
        upload.request.abort();
      }
    });
    ui.item.appendChild(cancel);
    var urls = {};
    var numbers = [];
    var etags = [];
    var done = 0;

    function urlFor(number, started) {
      if (urls[number]) {
        return Promise.resolve(urls[number]);
      }
      var count = Math.min(URLS_PER_REQUEST, started.partCount - number + 1);
      return post(multipartBase + '/parts', { key: key, uploadId: started.uploadId, from: number, count: count })
        .then(function (answer) {
          answer.parts.forEach(function (part) { urls[part.partNumber] = part.url; });
          return urls[number];
        });
    }

    function part(number, started) {
      if (upload.cancelled) {
        return Promise.reject(new Error('cancelled'));
      }
      if (number > started.partCount) {
        return Promise.resolve();
      }
      var slice = file.slice((number - 1) * started.partSize, Math.min(file.size, number * started.partSize));
      return urlFor(number, started).then(function (url) {
        delete urls[number];
        return put(url, slice, null, function (loaded) {
          ui.bar.value = Math.round(((done + loaded) / file.size) * 100);
        }, upload);
      }).then(function (etag) {
        if (!etag) {
          throw new Error('R2 did not let this page read the part\'s ETag: the bucket\'s CORS rule must expose '
            + 'ETag ("Allow uploads from my app" does).');
        }
        numbers.push(number);
        etags.push(etag);
        done += slice.size;
        ui.status.textContent = ' part ' + number + ' of ' + started.partCount;
        return part(number + 1, started);
      });
    }

    return post(multipartBase + '/start', { key: key, size: file.size, contentType: file.type || '' })
      .then(function (started) {
        upload.id = started.uploadId;
        return part(1, started).then(function () {
          return post(multipartBase + '/complete', {
            key: key, uploadId: started.uploadId, partNumber: numbers, etag: etags
          });
        });
      })
      .then(function () {
        ui.bar.value = 100;
        cancel.remove();
      }, function (error) {
        cancel.remove();
        if (!upload.id) {
          throw error;
        }
        return post(multipartBase + '/abort', { key: key, uploadId: upload.id }).then(
          function () { throw error; },
          function () { throw error; });
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) {
      return;
    }
    var prefix = form.getAttribute('data-prefix') || '';
    var failures = 0;
    var uploads = files.map(function (file) {
      var ui = row(file.name);
      var send = file.size > threshold && multipartBase ? multipart : single;
      return send(file, prefix + file.name, ui)
        .then(function () { ui.status.textContent = ' uploaded'; })
        .catch(function (error) {
          failures++;
          ui.status.textContent = error.message === 'cancelled' ? ' cancelled' : ' failed: ' + error.message;
          ui.status.classList.add('field-error');
        });
    });
    Promise.all(uploads).then(function () {
      if (failures === 0) {
        window.location.reload();
      }
    });
  });
}());
