alter type status rename to page_status;
alter type page_status rename value 'live' to 'published';
alter type page_status add value 'archived';
